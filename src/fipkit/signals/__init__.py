"""Signal techniques of the review's Section 4: one module per technique."""
