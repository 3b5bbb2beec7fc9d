import type { PropsWithChildren } from 'react';
import { initCloud } from './services/cloud-init';
import { installPrivacyListener } from './services/privacy';
import './app.scss';

// Before any page loads: CloudBase must be initialised before the first callFunction (weapp). A no-op on H5, where
// Taro.cloud does not exist and the API client talks HTTP.
initCloud();
// weapp: the app's own privacy sheet (PrivacySheet) answers WeChat's onNeedPrivacyAuthorization. A no-op on H5.
installPrivacyListener();

/** The app shell: pages render as its children. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
