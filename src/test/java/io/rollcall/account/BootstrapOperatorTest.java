package io.rollcall.account;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.security.crypto.password.PasswordEncoder;

class BootstrapOperatorTest {

    @Test
    void doesNotMakeAnExistingAccountTheFirstOperator() {
        var accounts = mock(AccountRepository.class);
        when(accounts.anyOperator()).thenReturn(false);
        when(accounts.findByEmail("someone@example.com"))
            .thenReturn(Optional.of(new Account(7, "someone@example.com", "Some", "One", "{bcrypt}x", true)));
        var bootstrap = new BootstrapOperator(accounts, mock(PasswordEncoder.class),
            new BootstrapProperties("someone@example.com", "operator-pass-1"));

        assertThatThrownBy(() -> bootstrap.run(new DefaultApplicationArguments()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("belongs to an existing account");
        verify(accounts, never()).makeOperator(anyLong());
    }
}
