-- The relay counts the emails the whole cluster sent in the last minute (its rate limit): by send time.
create index outbox_sent on outbox (sent_at);

-- Set just before the SMTP conversation starts: an email claimed by an instance that died after
-- this is not sent again (it may have arrived), so that nobody gets a welcome email twice.
alter table outbox add column send_started_at timestamp with time zone;
