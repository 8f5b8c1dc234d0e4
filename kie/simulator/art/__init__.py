"""The simulator's illustrations: vocab (the words), subjects (the drawings), pen (drawing in a subject's units),
compose (sky, ground, placement, weather), styles (each model's look), edit (changes inside a mask), cutout
(background removal)."""
