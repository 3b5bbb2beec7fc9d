import { Button, Text } from '@tarojs/components';
import { openPrivacyContract } from '../../services/privacy';
import { agreePrivacy, disagreePrivacy, PRIVACY_AGREE_BUTTON_ID, privacyPurpose, usePrivacyStore } from '../../stores/privacy';
import BottomSheet from '../BottomSheet';
import './index.scss';

/**
 * The app's own privacy sheet (WeChat's onNeedPrivacyAuthorization): shown while a privacy interface waits, on every
 * page that calls one. 同意 is WeChat's open-type="agreePrivacyAuthorization" button (WeChat checks it was tapped),
 * the guide's name opens it (wx.openPrivacyContract), 拒绝 lets the page go on without the feature. Never on H5.
 * Test hooks: `.privacy-sheet`, `.privacy-purpose`, `.privacy-contract`, `.privacy-agree`, `.privacy-disagree`.
 */
export default function PrivacySheet() {
  const ask = usePrivacyStore((s) => s.ask);
  const contractName = usePrivacyStore((s) => s.contractName);
  if (!ask) return null;
  return (
    <BottomSheet className='privacy-sheet' title='隐私保护提示' closeHook='privacy-close' onClose={disagreePrivacy}>
      <Text className='privacy-sheet__text privacy-purpose'>{`本功能需要${privacyPurpose(ask.referrer)}。使用前请阅读并同意`}</Text>
      <Text className='privacy-sheet__link privacy-contract' onClick={openPrivacyContract}>
        {contractName}
      </Text>
      <Text className='privacy-sheet__text'>拒绝后本页的其他功能仍可正常使用。</Text>
      <Button
        id={PRIVACY_AGREE_BUTTON_ID}
        className='privacy-sheet__agree privacy-agree'
        openType='agreePrivacyAuthorization'
        onAgreePrivacyAuthorization={agreePrivacy}
      >
        同意并继续
      </Button>
      <Text className='privacy-sheet__disagree privacy-disagree' onClick={disagreePrivacy}>
        拒绝
      </Text>
    </BottomSheet>
  );
}
