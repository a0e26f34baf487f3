package io.rollcall;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts the password hashes (encode and matches) the application asks for, and those asked for
 * while the calling thread is inside a transaction or has a connection bound: import it into a test
 * context with {@code @Import(HashRecorder.class)}, then read {@link Counts} from it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class HashRecorder {

    /** What was hashed since the last {@link #reset()}. */
    public static final class Counts {

        private final AtomicInteger hashes = new AtomicInteger();
        private final AtomicInteger holdingConnection = new AtomicInteger();

        public int hashes() {
            return hashes.get();
        }

        public int holdingConnection() {
            return holdingConnection.get();
        }

        public void reset() {
            hashes.set(0);
            holdingConnection.set(0);
        }

        void record() {
            hashes.incrementAndGet();
            if (TransactionSynchronizationManager.isActualTransactionActive()
                    || !TransactionSynchronizationManager.getResourceMap().isEmpty()) {
                holdingConnection.incrementAndGet();
            }
        }
    }

    @Bean
    Counts hashCounts() {
        return new Counts();
    }

    @Bean
    static BeanPostProcessor countingPasswordEncoder(org.springframework.beans.factory.ObjectProvider<Counts> counts) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof PasswordEncoder encoder)) {
                    return bean;
                }
                return new PasswordEncoder() {
                    @Override
                    public String encode(CharSequence rawPassword) {
                        counts.getObject().record();
                        return encoder.encode(rawPassword);
                    }

                    @Override
                    public boolean matches(CharSequence rawPassword, String encodedPassword) {
                        counts.getObject().record();
                        return encoder.matches(rawPassword, encodedPassword);
                    }
                };
            }
        };
    }
}
