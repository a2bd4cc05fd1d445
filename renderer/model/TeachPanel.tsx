/** The teach panel beside the map: train / retrain, live curves, predictions, what to label next. (Being built.) */
export function TeachPanel() {
  return null;
}
