"""The words a review copy adds besides the report's (family names, facts, problems come from
``report/strings.toml`` through :func:`ghostproof.report.view.document_view`), in the contract's language."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "summary": "ghostproof review of {name}: {verdict}",
        "missing": "Missing:",
        "weak": "Weak:",
        "all_present": "Every protective clause ghostproof looks for is present.",
        "required": " (required)",
        "inserted_section": (
            "Suggested wording for each missing clause is in the new section “{title}” at the end ({where}), "
            "as tracked changes: accept or reject each one in Word."
        ),
        "inserted_after": "Suggested wording: inserted as a tracked change after {where}; accept or reject it in Word.",
        "conflict": (
            "Conflict: the suggested clause {place} says something different and states that it prevails over "
            "this wording. If you accept it, strike or amend this wording, so the contract does not say both; "
            "accept or reject it in Word."
        ),
        "place_after": "inserted after {where}",
        "place_section": "in the new section “{title}” at the end",
        "above": "the section above",
        "and": "and",
        "see_library": "Suggested wording: ghostproof clauses show {clause} --lang {lang}",
        "no_insert": "Suggested wording for each: ghostproof clauses show ID --lang {lang} (or ghostproof addendum).",
        "unplaced": "Found but not marked in the text: {items}.",
        "section_title": "Additional provisions",
        "where_end": "after {where}",
        "where_document": "at the end of the document",
        "section": "section {label}",
        "this_section": "this section",
        "clause_title": "{title}. ",
    },
    "de": {
        "summary": "ghostproof-Prüfung von {name}: {verdict}",
        "missing": "Es fehlen:",
        "weak": "Schwach:",
        "all_present": "Alle Schutzklauseln, nach denen ghostproof sucht, sind vorhanden.",
        "required": " (Pflicht)",
        "inserted_section": (
            "Formulierungsvorschläge für die fehlenden Klauseln stehen im neuen Abschnitt „{title}“ am Ende "
            "({where}), als Änderungen nachverfolgt: in Word einzeln annehmen oder ablehnen."
        ),
        "inserted_after": (
            "Formulierungsvorschlag: als nachverfolgte Änderung nach {where} eingefügt; in Word annehmen oder ablehnen."
        ),
        "conflict": (
            "Widerspruch: Die vorgeschlagene Regelung {place} sagt etwas anderes und geht dieser Formulierung "
            "ausdrücklich vor. Wenn Sie sie annehmen, streichen oder ändern Sie diese Formulierung, damit der Vertrag "
            "nicht beides sagt; in Word annehmen oder ablehnen."
        ),
        "place_after": "(eingefügt nach {where})",
        "place_section": "(im neuen Abschnitt „{title}“ am Ende)",
        "above": "dem vorstehenden Abschnitt",
        "and": "und",
        "see_library": "Formulierungsvorschlag: ghostproof clauses show {clause} --lang {lang}",
        "no_insert": "Formulierungsvorschläge: ghostproof clauses show ID --lang {lang} (oder ghostproof addendum).",
        "unplaced": "Gefunden, aber nicht im Text markiert: {items}.",
        "section_title": "Ergänzende Regelungen",
        "where_end": "nach {where}",
        "where_document": "am Ende des Dokuments",
        "section": "Ziffer {label}",
        "this_section": "diesem Abschnitt",
        "clause_title": "{title}. ",
    },
}


def words(lang: str) -> dict[str, str]:
    return WORDS["de" if lang == "de" else "en"]
