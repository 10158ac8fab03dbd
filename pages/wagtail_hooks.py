from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def accessible_names_in_the_editor():
    """Names the rich text textbox and StreamField inputs after their labels (see the script's notes)."""
    return format_html('<script src="{}" defer></script>', static("pages/admin-accessible-names.js"))
