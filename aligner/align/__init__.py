"""Alignment: paragraphs of two versions, then sentences inside paragraphs.

`paragraphs` pairs the numbered paragraphs of a translation with the reference's,
`sentences` the sentences of a paragraph pair; `profiles`, `lengths` and `associations`
are what both score pairs with."""
