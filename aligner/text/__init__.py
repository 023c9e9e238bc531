"""Pure functions on strings: normalization, numbers, name and word features,
language identification, sentence segmentation and the bilingual lexicon."""
