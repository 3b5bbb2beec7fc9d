export interface ScanCameraProps {
  /** A decoded QR text. Sightings repeat while a code is in view: the store takes one per 2 s. */
  onCode: (code: string) => void;
  /** The page is on screen: the camera runs only then. */
  active: boolean;
}
