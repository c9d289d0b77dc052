"""default categories (Mobility and Public space themes, named in fr/ar/en); index for the ideas list

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 08:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# slug, theme, French, Arabic, English, colour
CATEGORIES = (
    ("public-transport", "mobility", "Transports en commun", "النقل العمومي", "Public transport", "#1f6f8b"),
    ("walking", "mobility", "Marche à pied", "المشي", "Walking", "#2a9d8f"),
    ("cycling", "mobility", "Vélo", "الدراجات الهوائية", "Cycling", "#3a6ea5"),
    ("parking", "mobility", "Stationnement", "ركن السيارات", "Parking", "#5c6770"),
    ("road-safety", "mobility", "Sécurité routière", "السلامة الطرقية", "Road safety", "#c0392b"),
    ("accessible-transport", "mobility", "Transport accessible", "النقل الميسّر", "Accessible transport", "#7b2cbf"),
    ("parks-greenery", "public_space", "Parcs et espaces verts", "الحدائق والمساحات الخضراء", "Parks and greenery", "#2d6a4f"),
    ("squares-placemaking", "public_space", "Places et aménagement", "الساحات وتهيئة الفضاءات", "Squares and placemaking", "#d1603d"),
    ("street-furniture-shade", "public_space", "Mobilier urbain et ombre", "الأثاث الحضري والظل", "Street furniture and shade", "#9c6644"),
    ("lighting", "public_space", "Éclairage public", "الإنارة العمومية", "Lighting", "#b8860b"),
    ("cleanliness", "public_space", "Propreté", "النظافة", "Cleanliness", "#3d8b6d"),
    ("accessibility", "public_space", "Accessibilité", "الولوجية", "Accessibility", "#5e60ce"),
)

categories = sa.table(
    'categories',
    sa.column('slug', sa.String), sa.column('theme', sa.String),
    sa.column('name_fr', sa.String), sa.column('name_ar', sa.String), sa.column('name_en', sa.String),
    sa.column('color', sa.String), sa.column('position', sa.Integer), sa.column('is_active', sa.Boolean),
)


def upgrade():
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.create_index('ix_ideas_status_support', ['status', 'support_count'], unique=False)
    connection = op.get_bind()
    existing = set(connection.execute(sa.select(categories.c.slug)).scalars())
    rows = [
        {"slug": slug, "theme": theme, "name_fr": fr, "name_ar": ar, "name_en": en, "color": color,
         "position": (index + 1) * 10, "is_active": True}
        for index, (slug, theme, fr, ar, en, color) in enumerate(CATEGORIES)
        if slug not in existing
    ]
    if rows:
        op.bulk_insert(categories, rows)


def downgrade():
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.drop_index('ix_ideas_status_support')
    # Categories that ideas already use stay: deleting them would break those ideas.
    op.execute(
        sa.text(
            "DELETE FROM categories WHERE slug IN :slugs"
            " AND id NOT IN (SELECT category_id FROM ideas)"
        ).bindparams(sa.bindparam("slugs", [c[0] for c in CATEGORIES], expanding=True))
    )
