# Lessons and pages share one block family (pages.blocks.BaseStreamBlock): the lesson "tip" is now
# the shared "callout", renamed in every lesson body and its revisions.

import wagtail.fields
from django.db import migrations
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData
from wagtail.blocks.migrations.operations import RenameStreamChildrenOperation


class Migration(migrations.Migration):

    dependencies = [
        ('courses', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AlterField(
            model_name='lessonpage',
            name='body',
            field=wagtail.fields.StreamField([('heading', 0), ('paragraph', 1), ('image', 5), ('callout', 9), ('video', 13), ('document', 17), ('reflection', 19), ('quiz', 35)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'form_classname': 'title', 'label': 'Heading', 'template': 'blocks/heading_block.html'}), 1: ('wagtail.blocks.RichTextBlock', (), {'features': ['h3', 'bold', 'italic', 'link', 'ol', 'ul', 'document-link'], 'label': 'Rich text'}), 2: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'Image'}), 3: ('wagtail.blocks.CharBlock', (), {'label': 'Alternative text', 'max_length': 250}), 4: ('wagtail.blocks.CharBlock', (), {'label': 'Caption', 'max_length': 250, 'required': False}), 5: ('wagtail.blocks.StructBlock', [[('image', 2), ('alt_text', 3), ('caption', 4)]], {}), 6: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('note', 'Note'), ('tip', 'Tip'), ('warning', 'Take care')], 'label': 'Kind'}), 7: ('wagtail.blocks.CharBlock', (), {'label': 'Title', 'max_length': 120, 'required': False}), 8: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ul'], 'label': 'Text'}), 9: ('wagtail.blocks.StructBlock', [[('kind', 6), ('title', 7), ('text', 8)]], {}), 10: ('wagtail.embeds.blocks.EmbedBlock', (), {'help_text': 'A YouTube or Vimeo link.', 'label': 'Video address'}), 11: ('wagtail.blocks.CharBlock', (), {'label': 'Title', 'max_length': 200}), 12: ('wagtail.blocks.TextBlock', (), {'label': 'Transcript or summary', 'required': False}), 13: ('wagtail.blocks.StructBlock', [[('video', 10), ('title', 11), ('transcript', 12)]], {}), 14: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'Document'}), 15: ('wagtail.blocks.CharBlock', (), {'label': 'Link text', 'max_length': 200}), 16: ('wagtail.blocks.TextBlock', (), {'label': 'Description', 'required': False}), 17: ('wagtail.blocks.StructBlock', [[('document', 14), ('title', 15), ('description', 16)]], {}), 18: ('wagtail.blocks.TextBlock', (), {'label': 'Reflection prompt'}), 19: ('wagtail.blocks.StructBlock', [[('prompt', 18)]], {}), 20: ('wagtail.blocks.IntegerBlock', (), {'default': 70, 'help_text': 'Share of questions answered right.', 'label': 'Pass mark (%)', 'max_value': 100, 'min_value': 1}), 21: ('wagtail.blocks.CharBlock', (), {'label': 'Question', 'max_length': 500}), 22: ('wagtail.blocks.CharBlock', (), {'label': 'Answer', 'max_length': 300}), 23: ('wagtail.blocks.BooleanBlock', (), {'label': 'Correct', 'required': False}), 24: ('wagtail.blocks.CharBlock', (), {'label': 'Feedback when chosen', 'max_length': 500, 'required': False}), 25: ('wagtail.blocks.StructBlock', [[('text', 22), ('correct', 23), ('feedback', 24)]], {}), 26: ('wagtail.blocks.ListBlock', (25,), {'label': 'Answers', 'min_num': 2}), 27: ('wagtail.blocks.StructBlock', [[('question', 21), ('answers', 26)]], {'label': 'Single choice'}), 28: ('wagtail.blocks.StructBlock', [[('question', 21), ('answers', 26)]], {'label': 'Multiple choice'}), 29: ('wagtail.blocks.CharBlock', (), {'label': 'Statement', 'max_length': 500}), 30: ('wagtail.blocks.BooleanBlock', (), {'label': 'The statement is true', 'required': False}), 31: ('wagtail.blocks.CharBlock', (), {'label': 'Feedback for “true”', 'max_length': 500, 'required': False}), 32: ('wagtail.blocks.CharBlock', (), {'label': 'Feedback for “false”', 'max_length': 500, 'required': False}), 33: ('wagtail.blocks.StructBlock', [[('statement', 29), ('is_true', 30), ('feedback_true', 31), ('feedback_false', 32)]], {'label': 'True or false'}), 34: ('wagtail.blocks.StreamBlock', [[('single', 27), ('multiple', 28), ('true_false', 33)]], {'label': 'Questions', 'min_num': 1}), 35: ('wagtail.blocks.StructBlock', [[('title', 11), ('pass_mark', 20), ('questions', 34)]], {})}, verbose_name='body'),
        ),
        MigrateStreamData(
            app_name="courses",
            model_name="lessonpage",
            field_name="body",
            operations_and_block_paths=[(RenameStreamChildrenOperation(old_name="tip", new_name="callout"), "")],
        ),
    ]
