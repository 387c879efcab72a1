"""Veivis gateway, supervisor and the pure core they share (language, rendering, privacy)."""
