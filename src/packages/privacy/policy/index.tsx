import { Text, View } from '@tarojs/components';
import PageHeader from '../../../components/PageHeader';
import PageHero from '../../../shared/components/PageHero';
import { openPrivacyContract } from '../../../services/privacy';
import { usePrivacyStore } from '../../../stores/privacy';
import { POLICY_ITEMS, POLICY_RIGHTS } from './content';
import './index.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/**
 * 隐私政策 (privacy subpackage): what is collected, why, how long it is kept and who sees it; linked from 我的 and
 * 我的数据. On weapp it also opens the guide filled in WeChat's admin console (wx.openPrivacyContract).
 * Test hooks: `.privacy-policy`, `.policy-item`, `.policy-contract`.
 */
export default function PrivacyPolicyPage() {
  const contractName = usePrivacyStore((s) => s.contractName);
  return (
    <View className='privacy-policy'>
      <PageHeader title='隐私政策' />
      <PageHero badge='个人信息' title='隐私政策' subtitle='青年第二课堂收集哪些信息、为什么、保存多久、谁能看到' />
      {POLICY_ITEMS.map((item) => (
        <View key={item.what} className='policy-card policy-item'>
          <Text className='policy-card__what'>{item.what}</Text>
          <View className='policy-card__row'>
            <Text className='policy-card__label'>用途</Text>
            <Text className='policy-card__value'>{item.why}</Text>
          </View>
          <View className='policy-card__row'>
            <Text className='policy-card__label'>保存</Text>
            <Text className='policy-card__value'>{item.kept}</Text>
          </View>
          <View className='policy-card__row'>
            <Text className='policy-card__label'>可见</Text>
            <Text className='policy-card__value'>{item.who}</Text>
          </View>
        </View>
      ))}
      <View className='policy-card policy-rights'>
        <Text className='policy-card__what'>你的权利</Text>
        {POLICY_RIGHTS.map((line) => (
          <Text key={line} className='policy-card__line'>
            {line}
          </Text>
        ))}
        {IS_WEAPP ? (
          <Text className='policy-card__link policy-contract' onClick={openPrivacyContract}>
            {`查看${contractName}`}
          </Text>
        ) : null}
      </View>
    </View>
  );
}
