//! Import speed: a generated CloudFormation template of 1,000 resources (VPCs, subnets in
//! two AZs, route tables, NAT gateways, load balancers, Auto Scaling groups, databases,
//! queues, functions, IAM roles, security groups) read, resolved, mapped and laid out.
//! Budget: ≤ 150 ms.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

use cloudsketch::io::import;
use criterion::{Criterion, criterion_group, criterion_main};

/// One cell of 25 resources; `cells` of them.
fn template(cells: usize) -> String {
    let mut t = String::from(
        "AWSTemplateFormatVersion: '2010-09-09'\nDescription: generated\nResources:\n",
    );
    for c in 0..cells {
        let v = c % 40;
        write!(
            t,
            r"  Vpc{c}:
    Type: AWS::EC2::VPC
    Properties: {{CidrBlock: 10.{v}.0.0/16}}
  Igw{c}:
    Type: AWS::EC2::InternetGateway
  Attach{c}:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {{VpcId: !Ref Vpc{c}, InternetGatewayId: !Ref Igw{c}}}
  PublicA{c}:
    Type: AWS::EC2::Subnet
    Properties: {{VpcId: !Ref Vpc{c}, CidrBlock: !Select [0, !Cidr [!GetAtt Vpc{c}.CidrBlock, 4, 8]], AvailabilityZone: !Select [0, !GetAZs '']}}
  PublicB{c}:
    Type: AWS::EC2::Subnet
    Properties: {{VpcId: !Ref Vpc{c}, CidrBlock: !Select [1, !Cidr [!GetAtt Vpc{c}.CidrBlock, 4, 8]], AvailabilityZone: !Select [1, !GetAZs '']}}
  AppA{c}:
    Type: AWS::EC2::Subnet
    Properties: {{VpcId: !Ref Vpc{c}, CidrBlock: 10.{v}.10.0/24, AvailabilityZone: !Select [0, !GetAZs '']}}
  AppB{c}:
    Type: AWS::EC2::Subnet
    Properties: {{VpcId: !Ref Vpc{c}, CidrBlock: 10.{v}.11.0/24, AvailabilityZone: !Select [1, !GetAZs '']}}
  Nat{c}:
    Type: AWS::EC2::NatGateway
    Properties: {{SubnetId: !Ref PublicA{c}}}
  PublicRoutes{c}:
    Type: AWS::EC2::RouteTable
    Properties: {{VpcId: !Ref Vpc{c}}}
  PublicDefault{c}:
    Type: AWS::EC2::Route
    Properties: {{RouteTableId: !Ref PublicRoutes{c}, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw{c}}}
  PrivateRoutes{c}:
    Type: AWS::EC2::RouteTable
    Properties: {{VpcId: !Ref Vpc{c}}}
  PrivateDefault{c}:
    Type: AWS::EC2::Route
    Properties: {{RouteTableId: !Ref PrivateRoutes{c}, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat{c}}}
  AssocA{c}:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {{SubnetId: !Ref AppA{c}, RouteTableId: !Ref PrivateRoutes{c}}}
  AssocB{c}:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {{SubnetId: !Ref AppB{c}, RouteTableId: !Ref PrivateRoutes{c}}}
  Lb{c}:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {{Subnets: [!Ref PublicA{c}, !Ref PublicB{c}]}}
  Listener{c}:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: {{LoadBalancerArn: !Ref Lb{c}, Protocol: HTTPS, Port: 443, DefaultActions: [{{Type: forward, TargetGroupArn: !Ref Tg{c}}}]}}
  Tg{c}:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {{Protocol: HTTP, Port: 80, VpcId: !Ref Vpc{c}, HealthCheckPath: /health}}
  Asg{c}:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: {{MinSize: 2, MaxSize: 6, HealthCheckType: ELB, VPCZoneIdentifier: [!Ref AppA{c}, !Ref AppB{c}], TargetGroupARNs: [!Ref Tg{c}]}}
  DbSubnets{c}:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {{DBSubnetGroupDescription: data, SubnetIds: [!Ref AppA{c}, !Ref AppB{c}]}}
  Db{c}:
    Type: AWS::RDS::DBInstance
    Properties: {{Engine: postgres, DBInstanceClass: db.t4g.medium, MultiAZ: true, DBSubnetGroupName: !Ref DbSubnets{c}}}
  Queue{c}:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 120
      RedrivePolicy: {{deadLetterTargetArn: !GetAtt Dlq{c}.Arn, maxReceiveCount: 5}}
  Dlq{c}:
    Type: AWS::SQS::Queue
  Fn{c}:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: !GetAtt Role{c}.Arn
      Code: {{ZipFile: 'def handler(e, c): pass'}}
      Environment: {{Variables: {{QUEUE: !Ref Queue{c}, NAME: !Sub '${{AWS::StackName}}-{c}'}}}}
  AppSg{c}:
    Type: AWS::EC2::SecurityGroup
    Properties: {{GroupDescription: app, VpcId: !Ref Vpc{c}}}
  Role{c}:
    Type: AWS::IAM::Role
    Properties: {{AssumeRolePolicyDocument: {{Statement: []}}}}
"
        )
        .expect("writing to a String cannot fail");
    }
    t
}

fn bench_import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group.sample_size(20);
    let text = template(40);
    let resources = text.matches("\n    Type: ").count();
    assert_eq!(resources, 1_000);
    let imported = import::import_str(&text, Path::new("bench.yaml")).expect("imports");
    assert!(
        imported.warnings.is_empty(),
        "{:?}",
        imported.warnings.first()
    );
    group.bench_function("cloudformation_1000_resources", |b| {
        b.iter(|| import::import_str(black_box(&text), Path::new("bench.yaml")).expect("imports"));
    });
    group.finish();
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
