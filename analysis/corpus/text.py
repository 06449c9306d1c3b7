"""Small, pure text helpers used by the readers and the page cleaner."""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser

__all__ = [
    "INVISIBLE", "LEVEL_PLURAL", "TEXT_LEVELS", "dedupe_key", "html_to_text",
    "looks_like_html", "normalise_space", "prefix_pattern", "repair_cp1250_mojibake",
    "strip_code_elements",
]

#: The text levels of the corpus contract (``text_level``), longest first: the full
#: article, a lede (a headline with its first paragraph or summary), a bare headline.
TEXT_LEVELS = ("full", "lede", "headline")
#: each text level in the plural, for labels and prose
LEVEL_PLURAL = {"full": "full texts", "lede": "ledes", "headline": "headlines"}
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
#: Characters that show as nothing and are removed from every text: the zero-width space,
#: non-joiner and joiner, the word joiner, the zero-width no-break space (byte-order mark)
#: and NUL (a JSON ``\u0000``), so texts that differ only by them are one text.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\x00"
_DROP_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))
_CODE_ELEMENT = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)",
                           re.IGNORECASE | re.DOTALL)
_BLANKS = re.compile(r"\n{3,}")
_TAG = re.compile(
    r"</?(?:p|a|br|div|span|strong|em|b|i|u|img|ul|ol|li|h[1-6]|blockquote|figure|figcaption|"
    r"table|tr|td|th|section|article|header|footer|small|sup|sub|iframe|picture|source)\b[^>]*>",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});")
_BLOCK_TAGS = {
    "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "figure", "figcaption", "tr", "table", "section", "article", "header", "footer",
}
_SKIP_TAGS = {"script", "style", "noscript"}


def normalise_space(text: str) -> str:
    """Return `text` in NFC with spaces folded and blank-line runs cut to one blank line.

    Non-breaking and other Unicode spaces become plain spaces; the characters of
    :data:`INVISIBLE` are removed; each line is stripped; typographic quotes and dashes are
    kept (later features need them).

    Examples
    --------
    >>> normalise_space("Update:\\u00a0 Late  Friday \\n\\n\\n\\nNext")
    'Update: Late Friday\\n\\nNext'
    >>> normalise_space("Mi\\u200bnsk\\ufeff talks\\x00")
    'Minsk talks'
    """
    text = unicodedata.normalize("NFC", text.translate(_DROP_INVISIBLE))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


# UTF-8 lead bytes C3, C4, C5 (Latin-1 Supplement and Latin Extended-A: ó, ą, ę, ł, ś, ż ...)
# read as Windows-1250 show as Ă, Ä, Ĺ, each followed by a continuation byte 0x80-0xBF.
_CP1250_CONTINUATION = bytes(range(0x80, 0xC0)).decode("cp1250", errors="ignore")
_POLISH_LETTERS = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
_MOJIBAKE = re.compile("[ĂÄĹ][" + re.escape(_CP1250_CONTINUATION) + "]")


def repair_cp1250_mojibake(text: str) -> tuple[str, int]:
    """Repair UTF-8 Polish letters that were decoded as Windows-1250 ("ktĂłry" -> "który").

    Each two-character run that re-encodes to one Polish letter is replaced; anything else
    (including runs that would decode to other letters) is left alone. Returns the text
    and the number of repairs.

    Examples
    --------
    >>> repair_cp1250_mojibake("Kamiński odniĂłsł się")
    ('Kamiński odniósł się', 1)
    """
    count = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal count
        try:
            letter = match.group().encode("cp1250").decode("utf-8")
        except UnicodeError:
            return match.group()
        if letter not in _POLISH_LETTERS:
            return match.group()
        count += 1
        return letter

    return _MOJIBAKE.sub(fix, text), count


def looks_like_html(text: str) -> bool:
    """Tell whether `text` holds HTML markup or character entities."""
    return bool(_TAG.search(text) or _ENTITY.search(text))


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Convert an HTML fragment (an RSS description, say) to plain text.

    Tags are removed, entities decoded and link text kept; block elements (``<p>``,
    ``<br>``, list items) become line breaks, so paragraphs survive as lines.

    Examples
    --------
    >>> html_to_text('<p>Read <a href="x">the report</a> &amp; more</p><p>Next</p>')
    'Read the report & more\\nNext'
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))  # entities the parser left (malformed ones)
    return "\n".join(line for line in normalise_space(text).split("\n") if line)


def strip_code_elements(text: str) -> tuple[str, int]:
    """Remove ``<script>`` and ``<style>`` elements with their content (code, not text).

    An element left open runs to the end of the text, as in HTML. Returns the text and
    the number of elements removed.

    Examples
    --------
    >>> strip_code_elements("<script>alert(1)</script>Minsk <STYLE a=b>p{}</style>said")
    ('Minsk said', 2)
    >>> strip_code_elements("Before <script>never closed")
    ('Before ', 1)
    """
    return _CODE_ELEMENT.subn("", text)


def dedupe_key(text: str) -> str:
    """Return the normalised form of `text` under which two copies count as the same.

    Case-folded, accents kept, the characters of :data:`INVISIBLE` removed, every run of
    non-word characters reduced to one space.
    """
    folded = unicodedata.normalize("NFKC", text.translate(_DROP_INVISIBLE)).casefold()
    return " ".join(re.findall(r"\w+", folded))


def prefix_pattern(terms: list[str]) -> re.Pattern[str] | None:
    """Compile prefix-phrases into one case-insensitive pattern anchored at word starts.

    A term matches where a word begins with it, so ``Białoru`` finds "Białorusi" and
    ``Prigozhin`` finds "Prigozhin's". Returns None for an empty list.
    """
    terms = [t.strip() for t in terms if t and t.strip()]
    if not terms:
        return None
    alternatives = sorted({re.escape(t) for t in terms}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")", re.IGNORECASE)
