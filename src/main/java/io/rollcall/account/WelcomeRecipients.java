package io.rollcall.account;

import java.time.Duration;
import java.util.Optional;

import io.rollcall.mail.WelcomeDetails;
import io.rollcall.school.Languages;
import io.rollcall.school.School;
import io.rollcall.school.SchoolRepository;

import org.springframework.stereotype.Component;

/** What the mail module's welcome emails say about an account: its names, its school, a fresh link. */
@Component
class WelcomeRecipients implements WelcomeDetails {

    private final AccountRepository accounts;
    private final SchoolRepository schools;
    private final PasswordLinks links;

    WelcomeRecipients(AccountRepository accounts, SchoolRepository schools, PasswordLinks links) {
        this.accounts = accounts;
        this.schools = schools;
        this.links = links;
    }

    @Override
    public Optional<Recipient> recipient(long accountId, String schoolId) {
        var school = schools.find(schoolId);
        var schoolName = school.map(School::name).orElse(schoolId);
        var locale = school.map(School::locale).orElse(Languages.DEFAULT.toLanguageTag());
        return accounts.findById(accountId).map(account -> new Recipient(account.email(), account.firstName(),
            account.lastName(), schoolName, locale));
    }

    @Override
    public String newLink(long accountId, Duration lifetime) {
        return links.issue(accountId, lifetime);
    }
}
