"""Catalog name -> client method, for group B of issue 6 (chats, CRM, tickets, field groups)."""

METHODS: dict[str, str] = {
    # chats
    "list_chats": "chats.list",
    "list_chat_queues": "chats.queues.list",
    "get_chats_summary_report": "chats.reports.summary.list",
    "start_chat_conversation": "chat_conversations.start",
    "send_chat_message": "chat_conversations.message",
    "stop_chat_conversation": "chat_conversations.stop",
    "delete_chat_conversation": "chat_conversations.delete",
    "delete_chat_conversation_content": "chat_conversations.content.delete",
    # crm: customers
    "list_customers": "customers.list",
    "get_customer": "customers.get",
    "create_customer": "customers.create",
    "update_customer": "customers.update",
    "delete_customer": "customers.delete",
    "add_customer_note": "customers.notes.create",
    "add_customer_feed_record": "customers.feed_records",
    "list_customer_ids_by_campaign_status": "customer_id_by_outbound_status.list",
    "batch_create_customers": "batch.customers.create",
    "batch_update_customers": "batch.customers.update",
    "batch_delete_customers": "batch.customers.delete",
    # crm: companies
    "list_companies": "companies.list",
    "get_company": "companies.get",
    "create_company": "companies.create",
    "update_company": "companies.update",
    "delete_company": "companies.delete",
    # tickets
    "list_tickets": "tickets.list",
    "get_ticket": "tickets.get",
    "create_ticket": "tickets.create",
    "update_ticket": "tickets.update",
    "delete_ticket": "tickets.delete",
    "send_ticket_agent_response": "tickets.agent_response",
    "add_ticket_customer_response": "tickets.customer_response",
    "add_ticket_comment": "tickets.comment",
    "delete_ticket_attachment": "tickets.attachments.delete",
    "get_tickets_today_stats": "tickets.today_stats.get",
    "list_ticket_categories": "ticket_categories.list",
    "list_ticket_queues": "ticket_queues.list",
    "list_ticket_statuses": "ticket_statuses.list",
    # customer_field_groups
    "list_customer_field_groups": "customer_field_groups.list",
    "list_customer_field_group_items": "customer_field_group_items.list",
    "create_customer_field_group_item": "customer_field_group_items.create",
}
