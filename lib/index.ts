/**
 * flashlab's public API: everything a notebook, a test or a user script imports from "flashlab".
 * Each area re-exports its own index; see DESIGN.md for the layout.
 */
export {};
