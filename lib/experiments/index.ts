/**
 * experiments: public exports of this area (see DESIGN.md).
 */
export {};
