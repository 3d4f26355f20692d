-- Whether the site that embeds the chat vouched for the customer with a signed identity claim.
-- An anonymous caller may name any customer id, a verified customer's too, so a customer's history
-- (earlier conversations, prior contacts, repeat contacts) joins only conversations of the same id
-- AND the same kind. Rows written before this column are null, "not known": null equals nothing
-- in SQL, so they join no history at all, rather than an impostor's or a verified customer's.
alter table conversations add column customer_verified boolean;

drop index conversations_customer;
create index conversations_customer on conversations (customer_id, customer_verified, created_at desc);
