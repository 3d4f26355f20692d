-- A codec session: the cookie a supervisor's browser sends with the Temporal UI's decode calls
-- (docs/security.md). Kept with the other tokens, hashed, so signing out or disabling the account
-- ends it at once; it is accepted only as that cookie, on the codec endpoint.
alter table api_tokens drop constraint api_tokens_kind_check;
alter table api_tokens add constraint api_tokens_kind_check check (kind in ('CONSOLE', 'PERSONAL', 'CODEC'));
