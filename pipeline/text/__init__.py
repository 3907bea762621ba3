"""Reading a source and cutting it into segments: normalise, pinyin glosses, damage, sentences."""
