export interface CodeReaderProps {
  /** A code was read (the camera, if any, has stopped). */
  onCode: (text: string) => void;
  /** A submission is in flight: no new scan. */
  disabled: boolean;
  /** The camera could not be used: the sentence to show (the typed fallback stays available). */
  onUnavailable: (message: string) => void;
}
