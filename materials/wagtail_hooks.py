from django import forms
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.models import Role
from materials import access, audiences, image_signals
from materials.models import CollectionAudience, KopienaImage


@hooks.register("before_serve_document")
def refuse_documents_outside_their_audience(document, request):
    """Wagtail's document view runs this before streaming (WAGTAILDOCS_SERVE_METHOD = "serve_view")."""
    if not access.can_open_in_collection(request.user, document):
        raise Http404


@hooks.register("construct_document_chooser_queryset")
@hooks.register("construct_image_chooser_queryset")
def choose_only_what_the_editor_may_open(items, request):
    """Choosers list the titles and file names of only those documents and images the person may open."""
    allowed = access.openable_collection_ids(request.user)
    return items if allowed is None else items.filter(collection_id__in=allowed)


@hooks.register("after_bulk_action")
def place_images_moved_in_bulk(request, action_type, objects, action_class_instance):
    """The admin's "Add to collection" bulk action changes collections without saving each image."""
    if action_type != "add_to_collection":
        return
    for image in KopienaImage.objects.filter(pk__in=[obj.pk for obj in objects if isinstance(obj, KopienaImage)]):
        image_signals.place(image)


@hooks.register("register_admin_menu_item")
def materials_menu_item():
    return MenuItem(_("Materials library"), reverse("materials:list"), icon_name="doc-full-inverse", order=310)


class CollectionAudienceForm(WagtailAdminModelForm):
    audience_kind = forms.ChoiceField(label=_("Who may download its documents"))
    audience_roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    audience_key = forms.ChoiceField(label=_("Course or group"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience_kind"].choices = audiences.kind_choices()
        keys = [("", "—")]
        for kind in audiences.registered_kinds():
            entry = audiences.registered(kind)
            keys += [(key, f"{entry.label}: {label}") for key, label in entry.choices()]
        self.fields["audience_key"].choices = keys
        if self.instance.pk:
            self.initial["audience_roles"] = self.instance.role_list

    def clean(self):
        data = super().clean()
        kind = data.get("audience_kind")
        if kind == audiences.ROLES and not data.get("audience_roles"):
            self.add_error("audience_roles", _("Choose at least one role."))
        builtin = {audiences.PUBLIC, audiences.SIGNED_IN, audiences.ROLES}
        if kind and kind not in builtin and not data.get("audience_key"):
            self.add_error("audience_key", _("Choose who this material is for."))
        return data

    def clean_audience_roles(self) -> str:
        roles = self.cleaned_data["audience_roles"]
        return f",{','.join(sorted(roles))}," if roles else ""


class CollectionAudienceViewSet(SnippetViewSet):
    model = CollectionAudience
    icon = "lock"
    menu_label = _("Collection audiences")
    add_to_admin_menu = False
    list_display = ["collection", "audience_label"]
    edit_handler = ObjectList(
        [
            FieldPanel("collection"),
            FieldPanel("audience_kind"),
            FieldPanel("audience_roles"),
            FieldPanel("audience_key"),
        ],
        base_form_class=CollectionAudienceForm,
    )


register_snippet(CollectionAudienceViewSet)
