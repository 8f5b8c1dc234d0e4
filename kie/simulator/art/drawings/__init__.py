"""The drawings of the subjects, one module a group; each takes a Pen and the main colour."""
