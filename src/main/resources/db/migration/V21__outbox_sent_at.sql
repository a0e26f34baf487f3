-- The relay counts the emails the whole cluster sent in the last minute (its rate limit): by send time.
create index outbox_sent on outbox (sent_at);
