// Focus handed from the plain textarea to Monaco when Monaco finishes loading, so a student
// who started typing keeps typing at the same place. Kept out of the Monaco chunk on purpose.
let pending: { offset: number } | undefined;

export function giveFocusHandoff(offset: number): void {
  pending = { offset };
}

export function takeFocusHandoff(): { offset: number } | undefined {
  const p = pending;
  pending = undefined;
  return p;
}
