package io.rollcall.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The HTTP statuses an operation answers with a problem detail, besides its success; the
 * description lists each with the {@code Problem} schema as {@code application/problem+json}.
 * The API tests hold every answer to this list.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Problems {

    int[] value();
}
