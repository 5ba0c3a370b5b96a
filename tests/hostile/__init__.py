"""Hostile input and fault suite: untrusted data, failing disks, killed builds, confinement, privacy."""
