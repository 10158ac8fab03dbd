from django.dispatch import Signal

# Sent once, inside the transaction, when an enrolment becomes complete; kwargs: enrolment.
# Certificates listen here (see certificates/apps.py) rather than courses knowing about them.
course_completed = Signal()
