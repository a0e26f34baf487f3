package io.rollcall.importing.stage;

/**
 * Whether an import's staged rows may share keys, as learnt while staging them: {@code false} is
 * certain, {@code true} means the database must look.
 *
 * @param emails whether two rows may share an email (in any case)
 * @param issuedIds whether two rows may share a school and an issuedID
 */
public record Repeats(boolean emails, boolean issuedIds) {
}
