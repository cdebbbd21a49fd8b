/** Digits and letters: one character per index (0..35) in the compact learner state. */
export const B36 = '0123456789abcdefghijklmnopqrstuvwxyz';
