"""The fake's chats: conversations, chat queues and the computed summary report."""
