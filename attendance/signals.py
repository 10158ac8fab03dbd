from django.dispatch import Signal

# Sent once, inside the transaction, when a person completes a supervision cycle; kwargs: completion.
# Certificates listen here (see certificates/receivers.py) rather than attendance knowing about them.
supervision_completed = Signal()
