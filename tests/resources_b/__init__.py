"""Resource tests of issue 6, group B: chats, CRM customers and companies, tickets, field groups."""
