package io.rollcall.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;

class SessionReadOnceTest {

    /** An in-memory repository that counts the reads that reach it. */
    static class CountingRepository extends MapSessionRepository {

        final AtomicInteger reads = new AtomicInteger();

        CountingRepository() {
            super(new HashMap<>());
        }

        @Override
        public MapSession findById(String id) {
            reads.incrementAndGet();
            return super.findById(id);
        }
    }

    private final CountingRepository target = new CountingRepository();
    private final CountingRepository repository = (CountingRepository) SessionReadOnce.readingOnce(target);

    @Test
    void aSessionSavedInTheRequestAnswersTheRequestsNextReadOfIt() {
        SessionReadOnce.inRequest(() -> {
            var session = repository.createSession();
            session.setAttribute("who", "ada");
            repository.save(session);

            assertThat(repository.findById(session.getId())).isSameAs(session);
            assertThat(target.reads).hasValue(0);
        });
    }

    @Test
    void everyOtherReadGoesToTheRepository() {
        var session = repository.createSession();
        repository.save(session);
        // Outside a request: a background job's reads are never answered from memory.
        assertThat(repository.findById(session.getId()).getId()).isEqualTo(session.getId());
        assertThat(target.reads).hasValue(1);

        SessionReadOnce.inRequest(() -> {
            // A session this request did not save is read, even if another request saved it.
            assertThat(repository.findById(session.getId())).isNotSameAs(session);
            assertThat(repository.findById("no-such-session")).isNull();
        });
        assertThat(target.reads).hasValue(3);
    }

    @Test
    void aSessionDeletedOrRenamedInTheRequestIsReadFromTheRepository() {
        SessionReadOnce.inRequest(() -> {
            var deleted = repository.createSession();
            repository.save(deleted);
            repository.deleteById(deleted.getId());
            assertThat(repository.findById(deleted.getId())).isNull();

            var renamed = repository.createSession();
            repository.save(renamed);
            String oldId = renamed.getId();
            renamed.changeSessionId();
            assertThat(repository.findById(oldId)).isNotSameAs(renamed);
        });
        assertThat(target.reads).hasValue(2);
    }

    @Test
    void whatOneRequestSavedIsForgottenWhenItEnds() {
        var saved = new String[1];
        SessionReadOnce.inRequest(() -> {
            var session = repository.createSession();
            repository.save(session);
            saved[0] = session.getId();
        });
        SessionReadOnce.inRequest(() -> assertThat(repository.findById(saved[0])).isNotNull());
        assertThat(target.reads).hasValue(1);
    }
}
