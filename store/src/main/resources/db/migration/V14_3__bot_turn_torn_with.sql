-- A turn in which the bot could not tell apart two intents of a destructive pair (closing an
-- account, opening one) and asked which the customer meant: the other intent. Null otherwise.
alter table bot_turns add column torn_with text;
