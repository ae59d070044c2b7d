"""Delivery: batches of clients, email, safe folder names."""
