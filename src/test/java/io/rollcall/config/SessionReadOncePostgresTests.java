package io.rollcall.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;

import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.context.ActiveProfiles;

/** Rollcall's own session repository (JDBC, on PostgreSQL) reads a session once per request. */
@ActiveProfiles({"test", "postgres"})
class SessionReadOncePostgresTests extends ApiTestSupport {

    @Autowired
    JdbcIndexedSessionRepository repository;

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aRequestsOwnSavedSessionIsNotReadAgainButTheNextRequestReadsItFromTheDatabase() {
        assertThat(AopUtils.isCglibProxy(repository)).as("the repository other beans get is the reading-once one").isTrue();
        SessionRepository<Session> sessions = (SessionRepository) repository;
        var id = new String[1];
        var saved = new Object[1];
        SessionReadOnce.inRequest(() -> {
            var session = sessions.createSession();
            session.setAttribute("school", "S1");
            sessions.save(session);
            id[0] = session.getId();
            saved[0] = session;
            assertThat(sessions.findById(id[0])).isSameAs(session);
        });

        SessionReadOnce.inRequest(() -> {
            Session read = sessions.findById(id[0]);
            assertThat(read).isNotSameAs(saved[0]);
            assertThat((String) read.getAttribute("school")).isEqualTo("S1");
            sessions.deleteById(id[0]);
            assertThat(sessions.findById(id[0])).isNull();
        });
    }
}
