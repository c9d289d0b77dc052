"""Demo content for ideas: illustrative Casablanca districts and about twenty published ideas."""

import json
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from app.accounts.models import User
from app.core.time import utcnow
from app.extensions import db
from app.ideas.categories import ensure_default_categories
from app.ideas.districts import district_for_point, import_districts
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Category, Idea

DISTRICTS_FILE = Path(__file__).parent / "demo_data" / "casablanca-illustrative-districts.geojson"
DEMO_AUTHOR = "citizen@agora.local"

# title, description, category slug, language, lat, lng, place
DEMO_IDEAS = (
    (
        "Des abris à l'arrêt de bus du boulevard Zerktouni",
        "Aux heures de pointe, des dizaines de personnes attendent le bus en plein soleil. Un abri avec "
        "des bancs et un plan du réseau rendrait l'attente supportable.",
        "public-transport",
        "fr",
        33.5862,
        -7.6290,
        "Boulevard Zerktouni, près du rond-point",
    ),
    (
        "Une piste cyclable protégée sur la corniche d'Aïn Diab",
        "La corniche attire des centaines de cyclistes le week-end, mais ils roulent au milieu des voitures. "
        "Une piste séparée par des bordures rendrait la balade sûre pour les familles.",
        "cycling",
        "fr",
        33.5905,
        -7.6715,
        "Boulevard de la Corniche",
    ),
    (
        "Passage piéton surélevé devant l'école du Maârif",
        "Les voitures roulent vite devant l'école primaire et les enfants traversent sans protection. "
        "Un plateau surélevé et un feu clignotant ralentiraient la circulation.",
        "road-safety",
        "fr",
        33.5712,
        -7.6312,
        "Rue Normandie, devant l'école",
    ),
    (
        "تشجير شارع محمد السادس وتوفير الظل للراجلين",
        "الرصيف طويل ومكشوف تماماً للشمس في الصيف. غرس أشجار على طول الشارع سيوفر الظل للمارة ويلطف الجو.",
        "parks-greenery",
        "ar",
        33.5468,
        -7.5952,
        "شارع محمد السادس",
    ),
    (
        "Rénover le jardin de la place des Nations Unies",
        "Les bancs sont cassés et les allées abîmées. Le jardin pourrait redevenir un lieu de pause en plein "
        "centre-ville, avec des fontaines à boire.",
        "squares-placemaking",
        "fr",
        33.5968,
        -7.6165,
        "Place des Nations Unies",
    ),
    (
        "إنارة الممر بين الحي المحمدي ومحطة الترامواي",
        "الممر مظلم بعد غروب الشمس والنساء يتجنبن المرور منه. إنارة عمومية كافية ستجعله آمناً للجميع.",
        "lighting",
        "ar",
        33.5855,
        -7.5535,
        "الممر المؤدي إلى محطة الترامواي",
    ),
    (
        "Des bancs et de l'ombre au marché de Derb Sultan",
        "Les personnes âgées qui font leurs courses n'ont nulle part où s'asseoir. Quelques bancs sous des "
        "pergolas changeraient leur quotidien.",
        "street-furniture-shade",
        "fr",
        33.5695,
        -7.5928,
        "Entrée du marché",
    ),
    (
        "Rampes d'accès à la gare de Casa-Port",
        "Les escaliers de l'entrée latérale empêchent les fauteuils roulants et les poussettes de rejoindre "
        "les quais. Une rampe douce et des bandes podotactiles sont nécessaires.",
        "accessible-transport",
        "fr",
        33.6001,
        -7.6132,
        "Entrée latérale de la gare",
    ),
    (
        "حاويات نفايات مغلقة في سوق بن مسيك",
        "النفايات تتراكم قرب السوق وتجذب الحشرات. حاويات مغلقة وجمع يومي سيحسنان نظافة الحي.",
        "cleanliness",
        "ar",
        33.5555,
        -7.5520,
        "محيط السوق الأسبوعي",
    ),
    (
        "Élargir les trottoirs de la rue du Prince Moulay Abdallah",
        "Les terrasses et les voitures garées occupent tout le trottoir : les piétons marchent "
        "sur la chaussée. Il faut rendre l'espace aux piétons.",
        "walking",
        "fr",
        33.5951,
        -7.6189,
        "Rue du Prince Moulay Abdallah",
    ),
    (
        "Un parking relais près du terminus du tramway à Sidi Moumen",
        "Beaucoup d'habitants viennent en voiture jusqu'au tramway et se garent n'importe où. Un parking "
        "relais surveillé encouragerait à laisser la voiture.",
        "parking",
        "fr",
        33.5865,
        -7.5010,
        "Terminus du tramway",
    ),
    (
        "ملعب قرب للأطفال في الحي الحسني",
        "لا يوجد فضاء آمن للعب الأطفال في هذا الجزء من الحي. ملعب صغير مع أرضية مطاطية سيكون مكسباً للأسر.",
        "squares-placemaking",
        "ar",
        33.5480,
        -7.6720,
        "أرض فارغة قرب المدرسة",
    ),
    (
        "Feux piétons plus longs au carrefour de Aïn Chock",
        "Le feu vert piéton dure moins de dix secondes : impossible de traverser les six voies à pied, "
        "surtout pour les personnes âgées.",
        "road-safety",
        "fr",
        33.5380,
        -7.6010,
        "Carrefour principal",
    ),
    (
        "Accès pour fauteuils roulants au parc de la Ligue arabe",
        "Plusieurs entrées du parc n'ont que des marches. Des rampes et des chemins stabilisés permettraient "
        "à tous de profiter du parc.",
        "accessibility",
        "fr",
        33.5868,
        -7.6230,
        "Entrées côté boulevard Moulay Youssef",
    ),
    (
        "خط حافلات مباشر بين سيدي البرنوصي ووسط المدينة",
        "الرحلة الحالية تتطلب تغيير الحافلة مرتين. خط مباشر سيقلص مدة التنقل اليومي للعمال والطلبة.",
        "public-transport",
        "ar",
        33.6040,
        -7.4850,
        "محطة سيدي البرنوصي",
    ),
    (
        "Stationnements vélos sécurisés devant la faculté de Ben M'Sick",
        "Les étudiants qui viennent à vélo n'ont rien pour l'attacher. Des arceaux couverts près de l'entrée "
        "suffiraient.",
        "cycling",
        "fr",
        33.5475,
        -7.5600,
        "Entrée de la faculté",
    ),
    (
        "Végétaliser la place de la mosquée à Moulay Rachid",
        "La place est entièrement bétonnée et brûlante en été. Des arbres et des bacs plantés "
        "la rendraient accueillante.",
        "parks-greenery",
        "fr",
        33.5505,
        -7.5195,
        "Place de la mosquée",
    ),
    (
        "إنارة ملعب القرب بعين السبع",
        "الشباب يلعبون كرة القدم في الظلام بعد السابعة مساء. إنارة الملعب ستسمح باستعماله بأمان.",
        "lighting",
        "ar",
        33.5920,
        -7.5200,
        "ملعب القرب",
    ),
    (
        "Nettoyer et aménager la plage des Roches Noires",
        "La plage est couverte de déchets plastiques. Des poubelles, un nettoyage régulier et des douches "
        "la rendraient aux habitants.",
        "cleanliness",
        "fr",
        33.6060,
        -7.5800,
        "Plage des Roches Noires",
    ),
    (
        "Des ombrières aux arrêts du tramway sur le boulevard Mohammed V",
        "Les quais du tramway n'ont presque pas d'ombre. Des ombrières légères protégeraient les voyageurs "
        "du soleil et de la pluie.",
        "street-furniture-shade",
        "fr",
        33.5935,
        -7.6085,
        "Station de tramway",
    ),
)


def seed_demo_districts():
    """Load the illustrative districts (marked as such); returns the import result."""
    document = json.loads(DISTRICTS_FILE.read_text(encoding="utf-8"))
    return import_districts(document, illustrative=True)


# The last few demo ideas wait in the moderation queue, so that moderators have work to try.
PENDING_IN_DEMO = 3
# The demo's ideas arrived over the past year, the first about 350 days ago, the last few this
# month, so that lists, charts and the home page's figures look like a city's.
DEMO_SPAN_DAYS = 350


def demo_age(position, count=len(DEMO_IDEAS)):
    """Days since the demo idea at `position` was proposed: the published ones spread over the
    year, more of them lately; those waiting for moderation arrived in the last days."""
    published = count - PENDING_IN_DEMO
    if position >= published:
        return count - position
    return max(2, round(DEMO_SPAN_DAYS * (1 - position / (published - 1)) ** 1.6))


def seed_demo_ideas():
    """Illustrative districts and the demo ideas by the demo citizen, published except the last
    PENDING_IN_DEMO. Idempotent: an idea whose title already exists is not added again.
    Returns how many were created."""
    seed_demo_districts()
    ensure_default_categories()
    author = db.session.scalar(select(User).where(User.email == DEMO_AUTHOR))
    categories = {c.slug: c for c in db.session.scalars(select(Category)).all()}
    existing = set(
        db.session.scalars(select(Idea.title).where(Idea.author_id == (author.id if author else None)))
    )
    created = 0
    now = utcnow()
    for position, (title, description, slug, language, lat, lng, place) in enumerate(DEMO_IDEAS):
        if title in existing or slug not in categories:
            continue
        published = position < len(DEMO_IDEAS) - PENDING_IN_DEMO
        created_at = now - timedelta(days=demo_age(position), hours=position % 9)
        db.session.add(
            Idea(
                title=title,
                description=description,
                category=categories[slug],
                lat=lat,
                lng=lng,
                place_label=place,
                district=district_for_point(lat, lng),
                author=author,
                status=(IdeaStatus.PUBLISHED if published else IdeaStatus.PENDING).value,
                language=language,
                published_at=created_at + timedelta(hours=20) if published else None,
                created_at=created_at,
                updated_at=created_at,
                support_count=0,
            )
        )
        created += 1
        if position % 10 == 9:
            db.session.flush()
    db.session.flush()
    return created
