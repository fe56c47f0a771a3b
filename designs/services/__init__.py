"""Every write to designs goes through here: validated, atomic, versioned.

One module per sub-domain: designs (save, fork, delete, publish), estimates, reports,
work (the sweep of stuck work), examples, practice; queueing hands work to the Celery
workers, deadlines say when queued or running work is late. Callers import the module
they need (`from designs.services import estimates`).
"""
