package io.rollcall.config;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One read of a browser session per request. Spring Session saves the session as soon as the
 * response is committed (a redirect, a rendered page), forgets what it read, then, at the end of the
 * request, reads it from the database again only to decide whether to send the cookie
 * (spring-session issue 1731): a SELECT and its transaction for nothing on nearly every request.
 * Here the session repository remembers, for the length of one request, the sessions that request
 * saved, and answers a read of one of them with it. Outside a request (the expired-session cleanup)
 * and for any other session, every read goes to the database as before.
 */
@Configuration(proxyBeanMethods = false)
class SessionReadOnce {

    /** The sessions saved by the request this thread serves, by id; null outside a request. */
    private static final ThreadLocal<Map<String, Session>> SAVED = new ThreadLocal<>();

    @Bean
    static BeanPostProcessor sessionRepositoryReadingOnce() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof SessionRepository<?> ? readingOnce(bean) : bean;
            }
        };
    }

    /** The request's scope, just outside Spring Session's filter. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> sessionsSavedThisRequest() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                SAVED.set(new HashMap<>());
                try {
                    chain.doFilter(request, response);
                } finally {
                    SAVED.remove();
                }
            }
        });
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
        return registration;
    }

    /** A proxy of the same class (other beans may ask for the JDBC repository by its type). */
    static Object readingOnce(Object repository) {
        var factory = new ProxyFactory(repository);
        factory.setProxyTargetClass(true);
        factory.addAdvice(new SavedThisRequest());
        return factory.getProxy(repository.getClass().getClassLoader());
    }

    /** Runs {@code work} as one request would: the scope the filter opens. */
    static void inRequest(Runnable work) {
        SAVED.set(new HashMap<>());
        try {
            work.run();
        } finally {
            SAVED.remove();
        }
    }

    private static final class SavedThisRequest implements MethodInterceptor {

        @Override
        public Object invoke(MethodInvocation invocation) throws Throwable {
            var saved = SAVED.get();
            var arguments = invocation.getArguments();
            if (saved == null || arguments.length != 1) {
                return invocation.proceed();
            }
            switch (invocation.getMethod().getName()) {
                case "findById" -> {
                    var session = saved.get((String) arguments[0]);
                    boolean current = session != null && session.getId().equals(arguments[0]) && !session.isExpired();
                    return current ? session : invocation.proceed();
                }
                case "save" -> {
                    var result = invocation.proceed();
                    var session = (Session) arguments[0];
                    saved.put(session.getId(), session);
                    return result;
                }
                case "deleteById" -> {
                    saved.remove((String) arguments[0]);
                    return invocation.proceed();
                }
                default -> {
                    return invocation.proceed();
                }
            }
        }
    }
}
