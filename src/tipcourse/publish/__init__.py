"""Delivering the course: the offline zip and the repository's public address."""
