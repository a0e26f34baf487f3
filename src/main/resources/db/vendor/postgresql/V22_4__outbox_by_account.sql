-- The outbox's rows of one account (a welcome email sent again, an account's export or erasure, the
-- emails withdrawn when accounts are deactivated) are found by key instead of among every email
-- queued and sent. H2 has this index already: its outbox keeps the foreign key to account (V5_2).
create index outbox_account on outbox (account_id);
-- Only sent emails have a send time: the rate's count looks for those of the last minute, and an
-- email queued (100,000 at once by a large import) adds nothing to this index until it is sent.
drop index outbox_sent;
create index outbox_sent on outbox (sent_at) where sent_at is not null;
