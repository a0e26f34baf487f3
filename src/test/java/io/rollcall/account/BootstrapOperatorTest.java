package io.rollcall.account;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Optional;
import java.util.function.Supplier;

import io.rollcall.db.ClusterLock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

class BootstrapOperatorTest {

    @Test
    void doesNotMakeAnExistingAccountTheFirstOperator() {
        var accounts = mock(AccountRepository.class);
        when(accounts.anyOperator()).thenReturn(false);
        when(accounts.findByEmail("someone@example.com"))
            .thenReturn(Optional.of(new Account(7, "someone@example.com", "Some", "One", "{bcrypt}x", true)));
        var clusterLock = mock(ClusterLock.class);
        when(clusterLock.runAlone(any(), any())).thenAnswer(call -> call.<Supplier<?>>getArgument(1).get());
        var transactions = mock(TransactionTemplate.class);
        when(transactions.execute(any())).thenAnswer(call -> call.<TransactionCallback<?>>getArgument(0).doInTransaction(null));
        var bootstrap = new BootstrapOperator(accounts, mock(PasswordEncoder.class), clusterLock, transactions,
            new BootstrapProperties("someone@example.com", "operator-pass-1"));

        assertThatThrownBy(() -> bootstrap.run(new DefaultApplicationArguments()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("belongs to an existing account");
        verify(accounts, never()).makeOperator(anyLong());
    }
}
