"""Delivering the course: releases (version, licences), the offline zip, the repository's
address."""
