import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection, models
from django.db.models import F, Prefetch, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from materials import audiences
from materials.folding import fold
from materials.images import PRIVATE_PREFIX
from materials.storage import material_storage


class MaterialKind(models.TextChoices):
    HANDOUT = "handout", _("Handout")
    METHODOLOGY = "methodology", _("Methodology")
    TEMPLATE = "template", _("Template")
    PRESENTATION = "presentation", _("Presentation")
    RECORDING = "recording", _("Recording")
    IMAGE = "image", _("Image")
    OTHER = "other", _("Other")


class MaterialQuerySet(models.QuerySet):
    def matching(self, query: str) -> "MaterialQuerySet":
        """Materials whose folded text has every word of `query` (already folded: `folding.fold_query`),
        best matches first. PostgreSQL answers from `search_vector` and its GIN index; the embedded SQLite
        compares whole words of the folded text.
        """
        words = query.split()
        if not words:
            return self
        if connection.vendor == "postgresql":
            search = SearchQuery(" ".join(words), config="simple", search_type="plain")
            return (
                self.filter(search_vector=search)
                .annotate(rank=SearchRank(F("search_vector"), search))
                .order_by("-rank", "-updated_at", "-pk")
            )
        padded = self.annotate(
            padded_text=Concat(Value(" "), F("folded_text"), Value(" "), output_field=models.TextField())
        )
        for word in words:
            padded = padded.filter(padded_text__contains=f" {word} ")
        return padded

    def for_listing(self) -> "MaterialQuerySet":
        """With the current version and, as `tag_list`, the tags: a list read once, where `material.tags.all`
        in a template built a new tag queryset per material (a fifth of the listing's time)."""
        return (
            self.select_related("current_version")
            .prefetch_related(Prefetch("tags", to_attr="tag_list"))
            .defer("folded_text", "search_vector", "description")
        )


class AudienceFields(models.Model):
    """Who may download: a kind from `materials.audiences`, with roles or a membership key where it needs one."""

    audience_kind = models.CharField(_("audience"), max_length=30, default=audiences.SIGNED_IN)
    # Roles as ",mentor,educator," so that one role matches with a single `contains` lookup.
    audience_roles = models.CharField(_("roles"), max_length=200, blank=True)
    audience_key = models.CharField(_("course or group"), max_length=50, blank=True)

    class Meta:
        abstract = True

    @property
    def role_list(self) -> list[str]:
        return [r for r in self.audience_roles.split(",") if r]

    def set_roles(self, roles) -> None:
        self.audience_roles = f",{','.join(sorted(roles))}," if roles else ""

    @property
    def audience_label(self):
        return audiences.label_of(self.audience_kind)


class Material(AudienceFields):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="lv")
    kind = models.CharField(_("type"), max_length=20, choices=MaterialKind.choices, default=MaterialKind.HANDOUT)
    tags = TaggableManager(_("topics"), blank=True, help_text=_("Comma-separated topics."))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )
    folded_text = models.TextField(editable=False, blank=True)
    # The folded words as PostgreSQL searches them, with no language's stemming (the words are folded
    # Latvian and English alike). A trigger made by migration 0005 fills it on PostgreSQL; unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    current_version = models.ForeignKey(
        "MaterialVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MaterialQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        indexes = [
            models.Index(fields=["audience_kind", "audience_key"]),
            models.Index(fields=["-updated_at", "-id"], name="material_listing_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def refresh_folded_text(self, tag_names=()) -> None:
        self.folded_text = fold(" ".join([self.title, self.description, self.programme, *tag_names]))

    @property
    def is_image(self) -> bool:
        return bool(self.current_version and self.current_version.content_type.startswith("image/"))


class CollectionAudienceQuerySet(models.QuerySet):
    def nearest(self, collection) -> "CollectionAudience | None":
        """The audience of the nearest collection (itself or an ancestor) that has one; None = Wagtail's rules."""
        ancestors = collection.get_ancestors(inclusive=True)
        return self.filter(collection__in=ancestors).order_by("-collection__depth").first()


class CollectionAudience(AudienceFields):
    """An audience for a Wagtail collection: documents in it (and in its sub-collections) are served only
    to that audience by Wagtail's document view. Collections without one keep Wagtail's own rules."""

    collection = models.OneToOneField(
        "wagtailcore.Collection",
        on_delete=models.CASCADE,
        related_name="materials_audience",
        verbose_name=_("collection"),
    )

    objects = CollectionAudienceQuerySet.as_manager()

    class Meta:
        verbose_name = _("collection audience")
        verbose_name_plural = _("collection audiences")

    def __str__(self) -> str:
        return f"{self.collection}: {self.audience_label}"


class MaterialVersion(models.Model):
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(storage=material_storage, upload_to="files/%Y/%m", max_length=300)
    original_name = models.CharField(max_length=200)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    preview = models.ImageField(storage=material_storage, upload_to="previews/%Y/%m", blank=True, max_length=300)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["material", "number"], name="material_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.material} v{self.number}"


class DownloadCount(models.Model):
    """How many downloads a material had in a month by people of one role; never who they were."""

    ANONYMOUS = "anonymous"
    NO_ROLE = "no_role"

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="download_counts")
    month = models.DateField()
    role = models.CharField(max_length=20)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-month", "role"]
        constraints = [
            models.UniqueConstraint(fields=["material", "month", "role"], name="download_count_unique_bucket")
        ]

    def __str__(self) -> str:
        return f"{self.material_id} {self.month:%Y-%m} {self.role}: {self.count}"

    @staticmethod
    def month_of(moment: datetime.datetime) -> datetime.date:
        return moment.date().replace(day=1)


class KopienaImage(AbstractImage):
    """Wagtail's image (`WAGTAILIMAGES_IMAGE_MODEL`), whose files follow its collection's audience: a
    private image's files are named with PRIVATE_PREFIX, which the media storage keeps out of MEDIA_ROOT
    (materials/images.py)."""

    admin_form_fields = Image.admin_form_fields

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    @property
    def is_private(self) -> bool:
        """In a collection whose nearest audience is not public."""
        if not self.collection_id:
            return False
        audience = CollectionAudience.objects.nearest(self.collection)
        return audience is not None and audience.audience_kind != audiences.PUBLIC

    def get_upload_to(self, filename: str) -> str:
        name = super().get_upload_to(filename)
        return PRIVATE_PREFIX + name if self.is_private else name


class KopienaRendition(AbstractRendition):
    image = models.ForeignKey(KopienaImage, related_name="renditions", on_delete=models.CASCADE)

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    def get_upload_to(self, filename: str) -> str:
        name = super().get_upload_to(filename)
        return PRIVATE_PREFIX + name if self.image.is_private else name
