"""Title normalisation and similarity, as duplicate detection and search compare titles."""

from app.ideas.similarity import normalise, similarity


def test_normalisation_strips_accents_and_folds_arabic_variants():
    assert normalise("Éclairage  de la Place!") == "eclairage de la place"
    assert normalise("إنارة الحديقة") == normalise("انارة الحديقه")
    assert normalise("مَدْرَسَة") == normalise("مدرسه")


def test_similar_titles_score_higher_than_different_ones():
    close = similarity("Abri pour l'arrêt de bus", "Un abri à l'arret de bus")
    far = similarity("Abri pour l'arrêt de bus", "Nettoyer la plage")
    assert close > 0.4 > far
