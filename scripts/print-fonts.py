#!/usr/bin/env python3
"""
Writes server/assets/fonts/NotoSansSCPrint_*.ttf: the shipped Noto Sans SC cut down to the
characters a package almost always uses (ASCII, Latin-1, GB 2312's 7,445 characters, CJK and
full-width punctuation, ㎡ and the other CJK compatibility signs), renamed "Noto Sans SC Print".

Why: Chromium subsets every font a PDF uses from the whole font file, for every PDF; from
the 10 MB originals (30,898 glyphs) that took about a quarter of a package's print (~20 ms of
~80 ms), from the 2.6 MB cut it takes a few ms. The outlines,
metrics and layout tables of the kept glyphs are the originals', so a page prints identically;
a character outside the cut (a rare one in a name, 堃) falls back to the full Noto Sans SC,
which stays installed beside it (styles.ts lists both, font-config.ts maps every family to both).

Run again only when the originals change:  apt-get install python3-fonttools && python3 scripts/print-fonts.py
The cut is a Modified Version under the SIL Open Font License (OFL.txt); its name avoids the
Reserved Font Name "Source".
"""
from pathlib import Path

from fontTools import subset

FONTS = Path(__file__).resolve().parent.parent / 'server' / 'assets' / 'fonts'
BLOCKS = [
    (0x0020, 0x007F),  # ASCII
    (0x00A0, 0x0180),  # Latin-1 and Latin Extended-A (×, ÷, °, ±, é …)
    (0x2000, 0x2070),  # general punctuation (—, …, ‰, ※)
    (0x2100, 0x2200),  # letterlike signs, number forms, arrows (℃, №, Ⅰ, →)
    (0x2200, 0x2300),  # mathematical operators (≥, ≤, ≠)
    (0x2460, 0x2600),  # enclosed numbers, box drawing, shapes (①, ■, ○)
    (0x3000, 0x3040),  # CJK punctuation (、。《》【】〔〕)
    (0x3200, 0x3400),  # enclosed CJK, CJK compatibility (㈠, ㎡, ㎏)
    (0xFE30, 0xFE50),  # CJK compatibility forms
    (0xFF00, 0xFFF0),  # full-width forms (（）：；０-９)
]


def characters() -> str:
    chars = {chr(c) for start, end in BLOCKS for c in range(start, end)}
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode('gb2312'))
            except UnicodeDecodeError:
                pass
    return ''.join(sorted(chars))


def cut(weight: str, text: str) -> None:
    options = subset.Options()
    options.layout_features = ['*']
    options.name_IDs = ['*']
    options.name_languages = ['*']
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = True
    options.legacy_kern = True
    font = subset.load_font(str(FONTS / f'NotoSansSC_{weight}.ttf'), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    for record in font['name'].names:
        value = record.toUnicode()
        if record.nameID in (1, 4, 16):
            record.string = value.replace('Noto Sans SC', 'Noto Sans SC Print')
        elif record.nameID in (3, 6):
            record.string = value.replace('NotoSansSC-', 'NotoSansSCPrint-')
    out = FONTS / f'NotoSansSCPrint_{weight}.ttf'
    subset.save_font(font, str(out), options)
    print(f'{out.name}: {font["maxp"].numGlyphs} glyphs, {out.stat().st_size:,} bytes')


if __name__ == '__main__':
    text = characters()
    for weight in ('400Regular', '700Bold'):
        cut(weight, text)
