"""The blocks every body on the site is written with.

`BaseStreamBlock` holds what a content page and a lesson share; the lesson body adds its own
learning blocks (courses/blocks.py) on top, as bakerydemo's `BaseStreamBlock` does.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(label=_("Alternative text"), max_length=250)
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class CalloutBlock(blocks.StructBlock):
    """A boxed note, tip or warning, with its kind said in words, not by colour alone."""

    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("note", _("Note")), ("tip", _("Tip")), ("warning", _("Take care"))],
        default="note",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "help"
        label = _("Callout or tip")
        template = "blocks/callout_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), form_classname="title", template="blocks/heading_block.html")
    paragraph = blocks.RichTextBlock(label=_("Rich text"), features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    callout = CalloutBlock()


class PageBodyBlock(BaseStreamBlock):
    pass
