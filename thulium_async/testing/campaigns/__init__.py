"""The fake's campaigns: outbounds, their statuses and agents, regular and CRM records, batches."""
