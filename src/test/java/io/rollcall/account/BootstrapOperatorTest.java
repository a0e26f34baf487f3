package io.rollcall.account;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

@ExtendWith(OutputCaptureExtension.class)
class BootstrapOperatorTest {

    private final AccountRepository accounts = mock(AccountRepository.class);

    @Test
    void doesNotMakeAnExistingAccountTheFirstOperator() {
        when(accounts.anyOperator()).thenReturn(false);
        when(accounts.findByEmail("someone@example.com"))
            .thenReturn(Optional.of(new Account(7, "someone@example.com", "Some", "One", "{bcrypt}x", true)));
        var bootstrap = bootstrap(new BootstrapProperties("someone@example.com", "operator-pass-1"));

        assertThatThrownBy(() -> bootstrap.run(new DefaultApplicationArguments()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("belongs to an existing account");
        verify(accounts, never()).makeOperator(anyLong());
    }

    @Test
    void saysSoWhenTheSettingsComeAfterTheFirstOperator(CapturedOutput output) {
        when(accounts.anyOperator()).thenReturn(true);

        bootstrap(new BootstrapProperties("operator@example.com", "change-me-now")).run(new DefaultApplicationArguments());

        assertThat(output.getOut()).contains("An operator exists already, so rollcall.bootstrap.operator-email and"
            + " -password are not used");
        verify(accounts, never()).insert(any(), any(), any(), any(), org.mockito.ArgumentMatchers.anyBoolean());
    }

    @Test
    void saysNothingOfSettingsNobodyGave(CapturedOutput output) {
        when(accounts.anyOperator()).thenReturn(true);

        bootstrap(new BootstrapProperties("", "")).run(new DefaultApplicationArguments());

        assertThat(output.getOut()).doesNotContain("An operator exists already");
    }

    @Test
    void pointsToTheDocumentedDefaultAddressWithoutWritingItOut(CapturedOutput output) {
        when(accounts.anyOperator()).thenReturn(false);
        when(accounts.findByEmail("operator@rollcall.local")).thenReturn(Optional.empty());
        when(accounts.insert(any(), any(), any(), any(), org.mockito.ArgumentMatchers.anyBoolean()))
            .thenReturn(new Account(1, "operator@rollcall.local", "Rollcall", "Operator", "{bcrypt}x", false));

        bootstrap(new BootstrapProperties("", "")).run(new DefaultApplicationArguments());

        assertThat(output.getOut()).containsPattern("Created the first operator o\\*\\*\\*@rollcall\\.local \\(the default"
            + " of rollcall\\.bootstrap\\.operator-email, see README\\) with the generated password \\S{24} ")
            .doesNotContain("operator@rollcall.local");
        verify(accounts).makeOperator(1);
    }

    private BootstrapOperator bootstrap(BootstrapProperties properties) {
        var clusterLock = mock(ClusterLock.class);
        when(clusterLock.runAlone(any(), any())).thenAnswer(call -> call.<Supplier<?>>getArgument(1).get());
        var transactions = mock(TransactionTemplate.class);
        when(transactions.execute(any())).thenAnswer(call -> call.<TransactionCallback<?>>getArgument(0).doInTransaction(null));
        var encoder = mock(PasswordEncoder.class);
        when(encoder.encode(any())).thenReturn("{bcrypt}x");
        return new BootstrapOperator(accounts, encoder, clusterLock, transactions, properties);
    }
}
